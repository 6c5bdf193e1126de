import type { Ref, TextareaHTMLAttributes } from "react";
import { inputClassName } from "./input-styles";

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean; ref?: Ref<HTMLTextAreaElement> };

/** A multi-line input in the app's style. */
export function TextArea({ invalid, className, rows = 3, ...props }: TextAreaProps) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || undefined}
      className={inputClassName(invalid, `resize-y py-1.5 leading-5 ${className ?? ""}`)}
      {...props}
    />
  );
}
