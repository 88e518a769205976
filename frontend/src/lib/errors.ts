// Turns a thrown value into what a form shows: one message and the per-field messages, in the UI's language.
import { ApiError } from '../api/client'
import { errorMessage, fieldMessages } from './messages'

export interface FormErrors {
  message: string | null
  fields: Record<string, string>
}

export function formErrors(e: unknown): FormErrors {
  if (e instanceof ApiError) return { message: errorMessage(e), fields: fieldMessages(e) }
  return { message: e instanceof Error ? e.message : String(e), fields: {} }
}

/** The one message of anything thrown, for a screen's error state. */
export function errorText(e: unknown): string {
  return formErrors(e).message ?? ''
}
