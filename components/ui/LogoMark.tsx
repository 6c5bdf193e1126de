/** The Streamline mark: three offset streams converging, drawn on the accent colour. */
export function LogoMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="shrink-0">
      <rect width="24" height="24" rx="6" className="fill-indigo-600" />
      <path
        d="M5 8h5.5c2 0 3 1 4 2.5S16.5 13 18.5 13H19M5 16h5.5c2 0 3-1 4-2.5"
        fill="none"
        stroke="white"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
      <circle cx="5" cy="8" r="1.4" fill="white" />
      <circle cx="5" cy="16" r="1.4" fill="white" />
    </svg>
  );
}
