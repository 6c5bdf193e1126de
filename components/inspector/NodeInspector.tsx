"use client";

import clsx from "clsx";
import { CircleAlert, CircleSlash, Trash2 } from "lucide-react";
import { useId } from "react";
import { nodeTypes, type PipelineDocument, type PipelineProblem } from "@/engine/graph";
import type { PipelineFlowNode } from "@/components/graph/flow-types";
import { categoryStyles, nodeTypeIcons } from "@/components/graph/node-appearance";
import { disabledMeaning } from "@/components/graph/DisabledBadge";
import { Button } from "@/components/ui/Button";
import { FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import { DescribedForm } from "./DescribedForm";
import { ExpressionInputTypeContext } from "./expression-input-type";
import { expressionSpanLookup, fieldErrorLookup, nodeLevelProblems } from "./field-problems";
import { inputFieldsOf } from "./input-fields";
import { InputFieldsPanel } from "./InputFieldsPanel";
import { NodeSchemaPanels } from "./NodeSchemaPanels";
import { readString } from "./read-data";

type NodeInspectorProps = {
  node: PipelineFlowNode;
  document: PipelineDocument;
  problems: readonly PipelineProblem[];
  onChange: (nodeId: string, key: string, value: unknown, field?: string) => void;
  /** Absent in a read-only inspector, which then has no delete button. */
  onRemove?: (nodeId: string) => void;
  /** Enables a disabled node; absent in a read-only inspector. */
  onEnable?: (nodeId: string) => void;
};

/** The form for the selected node: its title, its type's configuration, and what is wrong with it. */
export function NodeInspector({ node, document, problems, onChange, onRemove, onEnable }: NodeInspectorProps) {
  const id = useId();
  const description = nodeTypes[node.type];
  const Icon = nodeTypeIcons[node.type];
  const errors = fieldErrorLookup(node, problems);
  const connectionProblems = nodeLevelProblems(node.id, problems);
  const label = readString(node.data, "label");
  const input = inputFieldsOf(document, node.id);

  return (
    <div className="flex flex-col" data-testid="node-inspector" data-node-id={node.id}>
      <div className="flex items-start gap-2.5 border-b border-slate-200 px-4 py-3" data-testid="inspector-header">
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

      {node.disabled && (
        <div className="mx-4 mt-4 flex items-start gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-xs leading-4 text-slate-700" role="status" data-testid="node-disabled-notice">
          <CircleSlash className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span className="flex-1">{disabledMeaning(node.type)}.</span>
          {onEnable && (
            <Button size="sm" onClick={() => onEnable(node.id)} data-testid="enable-node">
              Enable
            </Button>
          )}
        </div>
      )}

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
        <ExpressionInputTypeContext value={input.state === "known" ? input.type : null}>
        <DescribedForm
          key={node.id}
          fields={description.form}
          nodeId={node.id}
          data={node.data}
          errors={errors}
          errorSpans={expressionSpanLookup(node.id, problems)}
          onChange={(key, value, field) => onChange(node.id, key, value, field)}
        />
        </ExpressionInputTypeContext>
      </div>
      {/* Named inputs (a join's sides) and several inputs (a union) have different fields each; their forms name fields of each. */}
      {description.inputs.kind === "single" && <InputFieldsPanel input={input} />}
      <NodeSchemaPanels
        node={node}
        document={document}
        inputType={input.state === "known" ? input.type : null}
        errors={errors}
        onChange={(key, value, field) => onChange(node.id, key, value, field)}
      />
    </div>
  );
}
