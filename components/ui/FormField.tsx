import { CircleAlert } from "lucide-react";
import type { ReactNode } from "react";

type FormFieldProps = {
  label: string;
  /** The id of the control, so clicking the label focuses it. */
  htmlFor?: string;
  /** An id for the label itself, for controls that point at it with `aria-labelledby` instead. */
  labelId?: string;
  hint?: ReactNode;
  errors?: readonly string[];
  /** Drawn at the right end of the label row, e.g. an "Add" button. */
  aside?: ReactNode;
  children: ReactNode;
};

/** A labelled form control with an optional hint and its validation errors underneath. */
export function FormField({ label, htmlFor, labelId, hint, errors = [], aside, children }: FormFieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex min-h-5 items-center justify-between gap-2">
        <label htmlFor={htmlFor} id={labelId} className="text-xs font-medium text-slate-700">
          {label}
        </label>
        {aside}
      </div>
      {children}
      <FieldErrors errors={errors} />
      {hint && errors.length === 0 && <p className="text-xs leading-4 text-slate-500">{hint}</p>}
    </div>
  );
}

/** Validation messages for one field, each with an icon so colour is not the only signal. */
export function FieldErrors({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="flex flex-col gap-0.5" data-testid="field-errors">
      {errors.map((message) => (
        <li key={message} className="flex items-start gap-1 text-xs leading-4 text-red-600">
          <CircleAlert className="mt-px size-3 shrink-0" aria-hidden="true" />
          <span>{message}</span>
        </li>
      ))}
    </ul>
  );
}
