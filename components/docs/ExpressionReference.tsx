import { functionDefinitions, RESERVED_WORDS } from "@/engine/expr";

/**
 * The expression reference in the app, written from the function registry
 * (the same signatures and one-line docs the editor's completion shows), so
 * it cannot fall behind the functions. The full language guide is
 * docs/expressions.md.
 */
export function ExpressionReference() {
  const functions = functionDefinitions();
  return (
    <main className="mx-auto w-full max-w-4xl px-6 py-8" data-testid="expression-reference">
      <h1 className="text-xl font-semibold text-slate-900">Expression reference</h1>
      <p className="mt-2 text-sm leading-6 text-slate-600">
        Expressions are SQL-like: fields by name (<code className="font-mono">customer.country</code>, backquotes for other names), literals,
        operators, <code className="font-mono">CASE</code>, <code className="font-mono">CAST</code> and the functions below. They are type-checked against
        the fields arriving at the node while you type, and run the same on the embedded engine and on Flink.
      </p>
      <h2 className="mt-6 text-sm font-semibold text-slate-900">Keywords</h2>
      <p className="mt-2 flex flex-wrap gap-1.5">
        {[...RESERVED_WORDS].sort().map((word) => (
          <code key={word} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
            {word}
          </code>
        ))}
      </p>
      <h2 className="mt-6 text-sm font-semibold text-slate-900">Functions ({functions.length})</h2>
      <dl className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {functions.map((fn) => (
          <div key={fn.name} id={fn.name} className="px-4 py-3">
            <dt className="font-mono text-[13px] text-slate-900">{fn.doc.signature}</dt>
            <dd className="mt-1 text-sm text-slate-600">{fn.doc.summary}</dd>
            <dd className="mt-1 font-mono text-xs text-slate-500">{fn.doc.example}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
