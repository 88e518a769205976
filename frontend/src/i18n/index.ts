// vue-i18n setup: zh-CN by default; the chosen locale is remembered locally and, when signed in, on the user (PATCH /me).
import { createI18n } from 'vue-i18n'
import type { Locale } from '../api/types'
import zhCN from './zh-CN'
import en from './en'

const KEY = 'huoban.locale'

export function storedLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** Switches the UI language and remembers it in this browser. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(KEY, locale)
  document.documentElement.lang = locale
}
