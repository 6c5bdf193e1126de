"use client";

import { PinOff, Plus, X } from "lucide-react";
import type { PinnedField, PinnedSchema } from "@/engine/schema/pinned-schema";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import type { FieldErrorLookup } from "./field-problems";
import { useInspectorReadOnly } from "./read-only-context";

type PinnedSchemaEditorProps = {
  schema: PinnedSchema;
  errors: FieldErrorLookup;
  /** The whole new schema (undefined unpins it) and the path edited. */
  onChange: (value: PinnedSchema | undefined, field?: string) => void;
};

/** The schema pinned into the document: each field's name, type (Flink SQL spelling) and whether it is required. */
export function PinnedSchemaEditor({ schema, errors, onChange }: PinnedSchemaEditorProps) {
  const readOnly = useInspectorReadOnly();
  const setField = (index: number, change: Partial<PinnedField>, key: string) =>
    onChange({ fields: schema.fields.map((field, i) => (i === index ? { ...field, ...change } : field)) }, `pinnedSchema.fields.${index}.${key}`);
  const listErrors = errors("pinnedSchema", { exact: true });

  return (
    <div className="mt-4" data-testid="pinned-schema">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-semibold text-slate-900">Pinned schema</p>
        {!readOnly && (
          <Button size="sm" variant="ghost" icon={<PinOff />} onClick={() => onChange(undefined)} data-testid="unpin-schema">
            Unpin
          </Button>
        )}
      </div>
      <p className="text-[11px] leading-4 text-slate-500">The checker types this source&apos;s records by these fields; any other field is an error.</p>
      <ul className="mt-2 flex flex-col gap-1.5">
        {schema.fields.map((field, index) => {
          const fieldErrors = errors(`pinnedSchema.fields.${index}`);
          return (
            <li key={index} data-testid="pinned-field">
              <div className="flex items-center gap-1.5">
                <TextInput
                  aria-label={`Pinned field ${index + 1} name`}
                  className="w-28 font-mono text-xs"
                  value={field.name}
                  readOnly={readOnly}
                  invalid={errors(`pinnedSchema.fields.${index}.name`).length > 0}
                  onChange={(event) => setField(index, { name: event.target.value }, "name")}
                />
                <TextInput
                  aria-label={`Type of ${field.name || `field ${index + 1}`}`}
                  className="min-w-0 flex-1 font-mono text-xs"
                  value={field.type}
                  readOnly={readOnly}
                  invalid={errors(`pinnedSchema.fields.${index}.type`).length > 0}
                  data-testid="pinned-field-type"
                  onChange={(event) => setField(index, { type: event.target.value }, "type")}
                />
                <label className="flex shrink-0 items-center gap-1 text-[11px] text-slate-600" title="Every record must carry it">
                  <input
                    type="checkbox"
                    checked={field.required === true}
                    disabled={readOnly}
                    onChange={(event) => setField(index, { required: event.target.checked || undefined }, "required")}
                  />
                  req.
                </label>
                {!readOnly && (
                  <IconButton
                    label={`Remove ${field.name || `field ${index + 1}`}`}
                    icon={<X />}
                    onClick={() => onChange({ fields: schema.fields.filter((_, i) => i !== index) }, `pinnedSchema.fields.${index}`)}
                  />
                )}
              </div>
              {fieldErrors.map((message) => (
                <p key={message} className="mt-0.5 text-[11px] text-red-700">
                  {message}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
      {listErrors.map((message) => (
        <p key={message} className="mt-1 text-[11px] text-red-700">
          {message}
        </p>
      ))}
      {!readOnly && (
        <Button size="sm" variant="ghost" icon={<Plus />} className="mt-1.5" onClick={() => onChange({ fields: [...schema.fields, { name: "", type: "STRING" }] })}>
          Add field
        </Button>
      )}
    </div>
  );
}
