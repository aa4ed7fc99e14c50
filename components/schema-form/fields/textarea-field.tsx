"use client";

import * as React from "react";
import { useController } from "react-hook-form";

import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import type { TextFieldDescriptor } from "@/lib/params/descriptors";
import { describedBy, FieldShell, useFieldError, useFieldIds } from "./field-shell";

/** Browsers without CSS `field-sizing` get their height from scrollHeight instead. */
function useAutoGrow(ref: React.RefObject<HTMLTextAreaElement | null>, value: string) {
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el || CSS.supports("field-sizing", "content")) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [ref, value]);
}

// Whether the prompt had focus when its form was last rebuilt (a model restored after load, a switch, a reuse).
let promptWasFocused = false;

/** The prompt keeps focus across a rebuilt form: a skip link used while the page loaded must not lose it. */
function useKeepPromptFocus(ref: React.RefObject<HTMLTextAreaElement | null>, isPrompt: boolean) {
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!isPrompt || !el) return;
    if (promptWasFocused && document.activeElement === document.body) el.focus();
    promptWasFocused = false;
    return () => {
      promptWasFocused = document.activeElement === el;
    };
  }, [ref, isPrompt]);
}

export function TextareaField({ descriptor, disabled }: { descriptor: TextFieldDescriptor; disabled?: boolean }) {
  const { name, label, help, placeholder, maxLength, required, role } = descriptor;
  const {
    field: { ref, value: raw, onChange, onBlur },
  } = useController({ name, shouldUnregister: !!descriptor.showWhen });
  const error = useFieldError(name);
  const ids = useFieldIds();
  const { helpId, errorId } = ids;
  // The prompt has a fixed id: the skip link ("Skip to prompt") points at it.
  const id = role === "prompt" ? "prompt" : ids.id;
  const counterId = `${id}-counter`;
  const textareaRef = React.useRef<HTMLTextAreaElement | null>(null);
  const text = typeof raw === "string" ? raw : "";
  useAutoGrow(textareaRef, text);
  useKeepPromptFocus(textareaRef, role === "prompt");

  const over = maxLength !== undefined && text.length > maxLength;
  const counter =
    maxLength !== undefined ? (
      // One text node: a page still being parsed can paint "75" before " / 4000", and the line then shifts.
      <span className={cn(over && "font-medium text-destructive")}>{`${text.length} / ${maxLength}`}</span>
    ) : undefined;

  return (
    <FieldShell
      id={id}
      label={label}
      help={help}
      helpId={helpId}
      error={error}
      errorId={errorId}
      aside={counter}
      asideId={counterId}
    >
      <Textarea
        id={id}
        ref={(el) => {
          textareaRef.current = el;
          ref(el);
        }}
        name={name}
        value={text}
        // An optional text left empty is "not set", so the provider's default applies.
        onChange={(e) => onChange(e.target.value === "" && !required ? undefined : e.target.value)}
        onBlur={onBlur}
        disabled={disabled}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(help && helpId, maxLength !== undefined && counterId, error && errorId)}
        spellCheck
        className={cn("max-h-80 resize-y", role === "prompt" ? "min-h-28" : "min-h-16")}
      />
    </FieldShell>
  );
}
