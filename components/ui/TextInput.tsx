import type { InputHTMLAttributes, Ref } from "react";
import { inputClassName } from "./input-styles";

type TextInputProps = InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean; ref?: Ref<HTMLInputElement> };

/** A single-line input in the app's style; `invalid` turns its border red. */
export function TextInput({ invalid, className, type = "text", ...props }: TextInputProps) {
  return <input type={type} aria-invalid={invalid || undefined} className={inputClassName(invalid, `h-8 ${className ?? ""}`)} {...props} />;
}
