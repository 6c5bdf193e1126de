"use client";

import type { FormFieldSpec } from "@/engine/graph";
import { AggregationsField } from "./AggregationsField";
import { ConnectionField } from "./ConnectionField";
import { DurationField, ExpressionField, ListField, SelectField, TextField } from "./simple-fields";
import { NamedExpressionsField } from "./NamedExpressionsField";
import type { NodeFormProps } from "./node-form-props";
import { WindowField } from "./WindowField";

/**
 * The configuration form of a node, generated from its operator's description
 * (`form`): one widget per field kind, in the order the description lists them.
 */
export function DescribedForm({ fields, ...props }: NodeFormProps & { fields: readonly FormFieldSpec[] }) {
  return (
    <>
      {fields.map((field) => (
        <DescribedField key={field.key} field={field} {...props} />
      ))}
    </>
  );
}

function DescribedField({ field, ...props }: NodeFormProps & { field: FormFieldSpec }) {
  if (field.when && !field.when(props.data)) return null;
  switch (field.kind) {
    case "text":
      return <TextField spec={field} {...props} />;
    case "select":
      return <SelectField spec={field} {...props} />;
    case "expression":
      return <ExpressionField spec={field} {...props} />;
    case "list":
      return <ListField spec={field} {...props} />;
    case "duration":
      return <DurationField spec={field} {...props} />;
    case "connection":
      return <ConnectionField data={props.data} errors={props.errors} onChange={props.onChange} />;
    case "named-expressions":
      return <NamedExpressionsField spec={field} {...props} />;
    case "aggregations":
      return <AggregationsField spec={field} {...props} />;
    case "window":
      return <WindowField spec={field} {...props} />;
  }
}
