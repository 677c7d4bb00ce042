/** A labelled progress bar (the native element: announced by screen readers with its value). */
export function ProgressBar({ label, percent }: { label: string; percent: number }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress-line">
      <span className="progress-label">
        {label} : <strong>{p} %</strong>
      </span>
      <progress max={100} value={p} aria-label={`${label} : ${p} %`}>
        {p} %
      </progress>
    </div>
  );
}
