// Free-text label lists typed as one string ("拼豆, 露营、手账").

/** Splits on commas (, ，) and 、, trims, drops blanks and duplicates. */
export function splitLabels(input: string): string[] {
  const out: string[] = []
  for (const part of input.split(/[,，、]/)) {
    const s = part.trim()
    if (s && !out.includes(s)) out.push(s)
  }
  return out
}
