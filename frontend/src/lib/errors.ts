// Turns a thrown value into what a form shows: one message and the server's per-field messages.
import { ApiError } from '../api/client'

export interface FormErrors {
  message: string | null
  fields: Record<string, string>
}

export function formErrors(e: unknown): FormErrors {
  if (e instanceof ApiError) return { message: e.message || e.code, fields: e.fields }
  return { message: e instanceof Error ? e.message : String(e), fields: {} }
}
