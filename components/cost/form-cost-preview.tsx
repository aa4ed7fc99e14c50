"use client";
import { useMemo, type ReactElement } from "react";
import { useWatch } from "react-hook-form";
import { CostPreview } from "./cost-preview";

/** The cost preview of a one-model form: reads the form's values from its FormProvider as they change. */
export function FormCostPreview({ provider, model, children }: { provider: string; model: string; children: ReactElement<{ "aria-describedby"?: string }> }) {
  const input = useWatch() as Record<string, unknown>;
  const request = useMemo(() => ({ targets: [{ provider, model, input }] }), [provider, model, input]);
  return <CostPreview request={request}>{children}</CostPreview>;
}
