"use client";

import { useState } from "react";
import { TextInput } from "@/components/ui/TextInput";

type ListInputProps = {
  id: string;
  value: readonly string[];
  onChange: (items: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  className?: string;
  "data-testid": string;
};

/**
 * A list of names typed comma-separated ("country, city"). The text is kept as typed so a
 * trailing comma survives while typing; the list it stands for is what gets stored.
 */
export function ListInput({ id, value, onChange, placeholder, invalid, className, "data-testid": testId }: ListInputProps) {
  const [text, setText] = useState(() => value.join(", "));
  // Undo and other outside edits replace the list; show it unless it is what the text already says.
  const shown = sameList(parseList(text), value) ? text : value.join(", ");
  return (
    <TextInput
      id={id}
      value={shown}
      placeholder={placeholder}
      invalid={invalid}
      className={className}
      data-testid={testId}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseList(event.target.value));
      }}
    />
  );
}

function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
