"use client";

import clsx from "clsx";
import { CircleAlert, Trash2 } from "lucide-react";
import { useId, type ComponentType } from "react";
import { nodeTypes, type NodeTypeName, type PipelineDocument, type PipelineProblem } from "@/engine/graph";
import type { PipelineFlowNode } from "@/components/graph/flow-types";
import { categoryStyles, nodeTypeIcons } from "@/components/graph/node-appearance";
import { FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import { expressionSpanLookup, fieldErrorLookup, nodeLevelProblems } from "./field-problems";
import { FilterForm } from "./FilterForm";
import { FlatMapForm } from "./FlatMapForm";
import { inputFieldsOf } from "./input-fields";
import { InputFieldsPanel } from "./InputFieldsPanel";
import { JoinForm } from "./JoinForm";
import { KafkaSinkForm } from "./KafkaSinkForm";
import { KafkaSourceForm } from "./KafkaSourceForm";
import { MapForm } from "./MapForm";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";
import { ReduceForm } from "./ReduceForm";

const nodeForms: Record<NodeTypeName, ComponentType<NodeFormProps>> = {
  "kafka-source": KafkaSourceForm,
  filter: FilterForm,
  map: MapForm,
  "flat-map": FlatMapForm,
  reduce: ReduceForm,
  join: JoinForm,
  "kafka-sink": KafkaSinkForm,
};

type NodeInspectorProps = {
  node: PipelineFlowNode;
  document: PipelineDocument;
  problems: readonly PipelineProblem[];
  onChange: (nodeId: string, key: string, value: unknown, field?: string) => void;
  /** Absent in a read-only inspector, which then has no delete button. */
  onRemove?: (nodeId: string) => void;
};

/** The form for the selected node: its title, its type's configuration, and what is wrong with it. */
export function NodeInspector({ node, document, problems, onChange, onRemove }: NodeInspectorProps) {
  const id = useId();
  const description = nodeTypes[node.type];
  const Icon = nodeTypeIcons[node.type];
  const Form = nodeForms[node.type];
  const errors = fieldErrorLookup(node, problems);
  const connectionProblems = nodeLevelProblems(node.id, problems);
  const label = readString(node.data, "label");

  return (
    <div className="flex flex-col" data-testid="node-inspector" data-node-id={node.id}>
      <div className="flex items-start gap-2.5 border-b border-slate-200 px-4 py-3">
        <span
          className={clsx("flex size-8 shrink-0 items-center justify-center rounded-md", categoryStyles[description.category].iconTile)}
          aria-hidden="true"
        >
          <Icon className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-slate-900">{label.trim() || description.label}</h2>
          <p className="truncate text-xs text-slate-500">
            {description.label} · <span className="font-mono">{node.id}</span>
          </p>
        </div>
        {onRemove && <IconButton label={`Delete ${node.id}`} icon={<Trash2 />} tone="danger" onClick={() => onRemove(node.id)} />}
      </div>

      {connectionProblems.length > 0 && (
        <ul className="mx-4 mt-4 flex flex-col gap-1 rounded-md border border-red-200 bg-red-50 px-3 py-2" data-testid="node-problems">
          {connectionProblems.map((problem) => (
            <li key={`${problem.code}:${problem.message}`} className="flex items-start gap-1.5 text-xs leading-4 text-red-700">
              <CircleAlert className="mt-px size-3 shrink-0" aria-hidden="true" />
              {problem.message}
            </li>
          ))}
        </ul>
      )}

      <div className="flex flex-col gap-4 p-4">
        <FormField label="Title" htmlFor={`${id}-label`} errors={errors("label")}>
          <TextInput
            id={`${id}-label`}
            data-testid="field-label"
            placeholder={description.label}
            value={label}
            invalid={errors("label").length > 0}
            onChange={(event) => onChange(node.id, "label", event.target.value || undefined)}
          />
        </FormField>
        <Form
          key={node.id}
          nodeId={node.id}
          data={node.data}
          errors={errors}
          errorSpans={expressionSpanLookup(node.id, problems)}
          onChange={(key, value, field) => onChange(node.id, key, value, field)}
        />
      </div>
      {/* Joins take two inputs with different fields; the keys name one field of each side. */}
      {description.inputs.length === 1 && <InputFieldsPanel input={inputFieldsOf(document, node.id)} />}
    </div>
  );
}
