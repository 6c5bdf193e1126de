import type { InputFields } from "./input-fields";

/** What the selected node's expressions can refer to: the fields arriving at its input, with their types. */
export function InputFieldsPanel({ input }: { input: InputFields }) {
  return (
    <section className="border-t border-slate-200 px-4 py-4" aria-labelledby="input-fields-heading" data-testid="input-fields">
      <h3 id="input-fields-heading" className="text-xs font-semibold text-slate-900">
        Input fields
      </h3>
      {input.state === "unconnected" && <p className="mt-1 text-xs leading-5 text-slate-500">Connect an input to see the fields it provides.</p>}
      {input.state === "unknown" && (
        <p className="mt-1 text-xs leading-5 text-slate-500">Unknown until the nodes upstream are configured without problems.</p>
      )}
      {input.state === "known" && (
        <>
          {input.fields.length > 0 && (
            <ul className="mt-2 flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
              {input.fields.map((field) => (
                <li key={field.name} className="flex items-center justify-between gap-3 px-2.5 py-1.5 font-mono text-xs">
                  <span className="truncate text-slate-800">{field.name}</span>
                  <span className="shrink-0 text-[11px] text-slate-500">{field.type}</span>
                </li>
              ))}
            </ul>
          )}
          {input.open && (
            <p className="mt-2 text-xs leading-5 text-slate-500">
              {input.fields.length > 0 ? "Other fields may arrive too" : "Any field"}: JSON records do not declare their fields, so
              unknown names are checked when records arrive.
            </p>
          )}
        </>
      )}
    </section>
  );
}
