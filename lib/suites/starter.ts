import type { SuitePrompt } from "./types";

/**
 * The starter suite: 24 prompts we wrote for this playground, grouped by what tends to separate providers and
 * models (text, hands, counting, spatial relations, photorealism, illustration styles, long prompts).
 */
export const starterSuiteName = "Starter suite";

export const starterPrompts: SuitePrompt[] = [
  { category: "text", text: 'A hand-painted wooden shop sign that reads "FRESH BREAD" above a bakery door, morning light' },
  { category: "text", text: 'A neon sign in a rainy alley spelling "OPEN 24H" in pink letters, reflections on wet asphalt' },
  { category: "text", text: 'A birthday cake with "HAPPY 40TH, MARA" piped in blue icing, top-down photo' },
  { category: "text", text: 'A vintage travel poster for the planet Mars, bold title text "VISIT MARS" at the top' },
  { category: "hands", text: "Close-up of two hands tying a shoelace, natural window light, shallow depth of field" },
  { category: "hands", text: "A pianist's hands on the keys mid-chord, viewed from the side, black and white photo" },
  { category: "hands", text: "A person holding up five fingers in front of a plain grey wall, studio lighting" },
  { category: "counting", text: "Exactly three red apples and two green pears on a white plate, overhead shot" },
  { category: "counting", text: "Seven yellow rubber ducks in a single row on the edge of a bathtub" },
  { category: "counting", text: "A chessboard with exactly four pieces left: two kings, one white queen, one black rook" },
  { category: "spatial", text: "A blue cube on top of a red sphere, which sits to the left of a green cone, on a wooden table" },
  { category: "spatial", text: "A cat sitting under a chair while a dog sleeps on the chair, living room, afternoon" },
  { category: "spatial", text: "A small boat behind a large lighthouse, seen from the beach, the boat partly hidden" },
  { category: "photorealism", text: "Portrait of an elderly fisherman with a weathered face, overcast light, 85mm lens, film grain" },
  { category: "photorealism", text: "A bowl of ramen on a wooden counter, steam rising, chopsticks resting on the rim, food photography" },
  { category: "photorealism", text: "A mountain lake at sunrise with mist over the water and pine trees reflected, landscape photo" },
  { category: "photorealism", text: "Macro photo of a dew drop on a spider web, the garden blurred behind it" },
  { category: "illustration", text: "A fox reading a book under a mushroom, children's book watercolour illustration" },
  { category: "illustration", text: "A futuristic city skyline in flat vector style, limited palette of teal and orange" },
  { category: "illustration", text: "A samurai in a bamboo forest, ukiyo-e woodblock print style" },
  { category: "illustration", text: "An astronaut riding a bicycle on the moon, thick-line comic book style with halftone shading" },
  {
    category: "long",
    text: "A cosy reading nook in an old stone cottage: a deep armchair with a knitted blanket, a tall bookshelf packed with worn leather books, a small round table holding a cup of tea and a brass lamp, rain running down a leaded window, a sleeping tabby cat curled on a cushion, warm lamplight against the blue dusk outside, painted in a detailed, realistic style",
  },
  {
    category: "long",
    text: "A busy night market in a coastal town, strings of paper lanterns overhead, stalls selling grilled fish, fruit and spices, a street musician playing an accordion, children chasing each other between the stalls, a harbour with fishing boats in the background, the moon low over the sea, wide-angle photo with rich colours",
  },
  {
    category: "long",
    text: "An explorer's desk seen from above: a hand-drawn map of an unknown island held flat by a compass, a brass telescope, a notebook open to sketches of strange birds, a half-burnt candle, scattered seashells and a pocket watch showing ten past ten, soft afternoon light, still-life photography",
  },
];
