"use client";
import dynamic from "next/dynamic";

/** The confirmation dialog, loaded the first time one opens: the dialog library is not part of a page's first load. */
export const LazyConfirmDialog = dynamic(() => import("./confirm-dialog").then((m) => m.ConfirmDialog), { ssr: false });
