// The floor: a bare Next.js app with one client component, built and served like ours, so `npm run bench:web`
// can say how much JavaScript our pages add on top of the framework itself.
export const metadata = { title: "Floor", description: "A bare Next.js page" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, padding: 24 }}>{children}</body>
    </html>
  );
}
