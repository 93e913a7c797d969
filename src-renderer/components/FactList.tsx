/** One labelled fact: what it is, and its value as shown. */
export type Fact = readonly [label: string, value: string]

/**
 * Short facts side by side, each a small label over its value (a model's size, a temporary model's context).
 * `className` places the list; the look is the one `.facts` rule in controls.css.
 */
export function FactList({ facts, className }: { facts: readonly Fact[]; className?: string }) {
  return (
    <dl className={className === undefined ? 'facts' : `facts ${className}`}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
