"use client";

import { useState } from "react";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";

const units = [
  { value: "ms", label: "ms", factor: 1 },
  { value: "s", label: "seconds", factor: 1_000 },
  { value: "m", label: "minutes", factor: 60_000 },
  { value: "h", label: "hours", factor: 3_600_000 },
] as const;

type Unit = (typeof units)[number]["value"];

type DurationInputProps = {
  id: string;
  /** The duration in milliseconds, as the document stores it. */
  value: number | undefined;
  onChange: (milliseconds: number | undefined) => void;
  invalid?: boolean;
  "data-testid": string;
};

/**
 * A duration typed as a number and a unit (5 minutes) but stored in milliseconds.
 * Changing the unit keeps the number, which is what people mean when they pick one.
 */
export function DurationInput({ id, value, onChange, invalid, "data-testid": testId }: DurationInputProps) {
  const [unit, setUnit] = useState<Unit>(() => largestExactUnit(value));
  const factor = factorOf(unit);
  const [text, setText] = useState(() => (value === undefined ? "" : String(value / factor)));
  // Undo and other outside edits change the value under us; show theirs unless it is what we typed.
  const typed = parseAmount(text);
  const shown = value === undefined ? (typed === undefined ? text : "") : typed !== undefined && Math.round(typed * factor) === value ? text : String(value / factor);

  function commit(nextText: string, nextUnit: Unit) {
    setText(nextText);
    const amount = parseAmount(nextText);
    onChange(amount === undefined ? undefined : Math.round(amount * factorOf(nextUnit)));
  }

  return (
    <div className="flex gap-1.5">
      <TextInput
        id={id}
        inputMode="decimal"
        value={shown}
        invalid={invalid}
        data-testid={testId}
        className="flex-1 tabular-nums"
        onChange={(event) => commit(event.target.value, unit)}
      />
      <Select
        aria-label="Unit"
        data-testid={`${testId}-unit`}
        className="w-28 shrink-0"
        value={unit}
        options={units}
        onChange={(event) => {
          const nextUnit = event.target.value as Unit;
          setUnit(nextUnit);
          commit(shown, nextUnit);
        }}
      />
    </div>
  );
}

function factorOf(unit: Unit): number {
  return units.find((candidate) => candidate.value === unit)!.factor;
}

function largestExactUnit(milliseconds: number | undefined): Unit {
  if (milliseconds === undefined || milliseconds === 0) return "s";
  return [...units].reverse().find((unit) => milliseconds % unit.factor === 0)?.value ?? "ms";
}

function parseAmount(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const amount = Number(text);
  return Number.isFinite(amount) ? amount : undefined;
}
