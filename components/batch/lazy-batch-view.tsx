"use client";
import dynamic from "next/dynamic";

/** The batch view loads only on a batch's run page: other runs ship none of it. */
export const LazyBatchView = dynamic(() => import("./batch-view").then((m) => m.BatchView));
