import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page renders per request: proxy.ts sets a CSP nonce that Next.js puts on its inline scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Meshdeck", template: "%s · Meshdeck" },
  description: "Web dashboard for Istio service-mesh traffic and progressive delivery",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
