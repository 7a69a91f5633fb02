import Link from "next/link";

export function AppHeader() {
  return (
    <header className="border-b border-slate-800 bg-slate-900 text-white">
      <div className="mx-auto flex max-w-[96rem] items-center gap-3 px-6 py-3">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-sky-400" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="5" cy="6" r="2.5" />
          <circle cx="19" cy="6" r="2.5" />
          <circle cx="12" cy="18" r="2.5" />
          <path d="M7.5 6h9M6.3 8.2l4.4 7.6M17.7 8.2l-4.4 7.6" strokeLinecap="round" />
        </svg>
        <span className="text-lg font-semibold tracking-tight">Meshdeck</span>
        <span className="hidden text-sm text-slate-400 sm:inline">Istio traffic &amp; progressive delivery</span>
        <nav aria-label="Main" className="ml-auto flex gap-4 text-sm font-medium">
          <Link href="/" className="text-slate-200 hover:text-white">
            Traffic
          </Link>
          <Link href="/graph" className="text-slate-200 hover:text-white">
            Graph
          </Link>
          <Link href="/rollouts" className="text-slate-200 hover:text-white">
            Rollouts
          </Link>
        </nav>
      </div>
    </header>
  );
}
