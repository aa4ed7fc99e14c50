/**
 * AUTOMATIC1111 sampler and schedule names ↔ the k-diffusion/ComfyUI names hosted APIs take (Segmind's `euler`,
 * `dpmpp_2m`, `karras`). Client-safe. Names from stable-diffusion-webui v1.10 (sd_samplers_kdiffusion.py,
 * sd_samplers_timesteps.py, sd_schedulers.py) plus Forge's CFG++ samplers.
 */

export const A1111_SAMPLERS: Readonly<Record<string, string>> = {
  Euler: "euler",
  "Euler a": "euler_ancestral",
  "Euler CFG++": "euler_cfg_pp",
  "Euler a CFG++": "euler_ancestral_cfg_pp",
  Heun: "heun",
  DPM2: "dpm_2",
  "DPM2 a": "dpm_2_ancestral",
  LMS: "lms",
  "DPM fast": "dpm_fast",
  "DPM adaptive": "dpm_adaptive",
  "DPM++ 2S a": "dpmpp_2s_ancestral",
  "DPM++ 2S a CFG++": "dpmpp_2s_ancestral_cfg_pp",
  "DPM++ SDE": "dpmpp_sde",
  "DPM++ 2M": "dpmpp_2m",
  "DPM++ 2M CFG++": "dpmpp_2m_cfg_pp",
  "DPM++ 2M SDE": "dpmpp_2m_sde",
  "DPM++ 3M SDE": "dpmpp_3m_sde",
  DDPM: "ddpm",
  DDIM: "ddim",
  UniPC: "uni_pc",
  LCM: "lcm",
  DEIS: "deis",
  iPNDM: "ipndm",
  "iPNDM-V": "ipndm_v",
};

export const A1111_SCHEDULES: Readonly<Record<string, string>> = {
  Karras: "karras",
  Exponential: "exponential",
  "SGM Uniform": "sgm_uniform",
  Simple: "simple",
  Normal: "normal",
  DDIM: "ddim_uniform",
  Beta: "beta",
  Uniform: "uniform",
  Polyexponential: "polyexponential",
  "KL Optimal": "kl_optimal",
  "Align Your Steps": "align_your_steps",
};

/** What "Schedule type: Automatic" means for a sampler whose A1111 definition names a scheduler. */
const AUTOMATIC_SCHEDULE: Readonly<Record<string, string>> = {
  "DPM++ 2M": "Karras",
  "DPM++ SDE": "Karras",
  "DPM++ 2M SDE": "Exponential",
  "DPM++ 2M SDE Heun": "Exponential",
  "DPM++ 2S a": "Karras",
  "DPM++ 3M SDE": "Exponential",
  DPM2: "Karras",
  "DPM2 a": "Karras",
  Restart: "Karras",
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9+]/g, "");

function lookup(table: Readonly<Record<string, string>>, name: string): string | undefined {
  const n = norm(name);
  for (const [key, value] of Object.entries(table)) if (norm(key) === n) return value;
  return undefined;
}

/**
 * Splits pre-1.9 names that carried the schedule ("DPM++ 2M Karras", "DPM++ 2M SDE Exponential") as A1111 itself
 * does when reading old infotext, and resolves "Automatic" through the sampler's own default schedule.
 */
export function splitSampler(sampler: string | undefined, schedule: string | undefined): { sampler?: string; schedule?: string } {
  let s = sampler?.trim();
  let t = schedule?.trim();
  if (s && !t && !lookup(A1111_SAMPLERS, s)) {
    for (const label of Object.keys(A1111_SCHEDULES)) {
      if (s.toLowerCase().endsWith(` ${label.toLowerCase()}`)) {
        t = label;
        s = s.slice(0, -label.length - 1).trim();
        break;
      }
    }
  }
  if (t && norm(t) === "automatic" && s) {
    const auto = Object.entries(AUTOMATIC_SCHEDULE).find(([k]) => norm(k) === norm(s!))?.[1];
    if (auto) t = auto;
  }
  return { ...(s && { sampler: s }), ...(t && { schedule: t }) };
}

export interface Option {
  value: string | number;
  label: string;
}

/** The model's option for an A1111 name: through the table, else by the option's own value or label. */
export function matchOption(kind: "sampler" | "scheduler", name: string, options: readonly Option[]): Option | undefined {
  const canonical = lookup(kind === "sampler" ? A1111_SAMPLERS : A1111_SCHEDULES, name);
  if (canonical) {
    const hit = options.find((o) => String(o.value) === canonical);
    if (hit) return hit;
  }
  const n = norm(name);
  return options.find((o) => norm(String(o.value)) === n || norm(o.label) === n);
}

/** The A1111 name for a provider's sampler/scheduler value; else the option's label, else the value itself. */
export function a1111Name(kind: "sampler" | "scheduler", value: string, label?: string): string {
  const table = kind === "sampler" ? A1111_SAMPLERS : A1111_SCHEDULES;
  return Object.entries(table).find(([, v]) => v === value)?.[0] ?? label ?? value;
}
