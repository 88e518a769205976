// Goal values are cents for the GMV metric and plain counts otherwise.
import type { GoalMetric, Locale } from '../api/types'
import { formatCount, formatMoney } from './money'

export function formatGoalValue(metric: GoalMetric, value: number, locale: Locale | string): string {
  return metric === 'gmv_cents' ? formatMoney(value, locale) : formatCount(value, locale)
}
