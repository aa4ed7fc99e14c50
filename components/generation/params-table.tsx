import { CopyJsonButton } from "./copy-json-button";
import { ParamsList } from "./params-list";

/** The one parameter table (./params-list.tsx) with the exact JSON one click away. */
export function ParamsTable(props: { title: string; values: Record<string, unknown>; note?: string; className?: string }) {
  return <ParamsList {...props} action={<CopyJsonButton values={props.values} />} />;
}
