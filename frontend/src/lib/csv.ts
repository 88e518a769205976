// Reading CSV as spreadsheet programs write it (RFC 4180): quoted fields may hold commas, quotes ("") and line
// breaks; lines end in CRLF or LF. Files from Chinese Excel are often GBK, not UTF-8.

/** Parses CSV text into rows of fields; stops after maxRows rows when given. */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    row.push(field)
    field = ''
    if (!(row.length === 1 && row[0] === '')) rows.push(row) // skip blank lines
    row = []
  }
  for (; i < text.length && rows.length < maxRows; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRow()
    } else field += c
  }
  if (rows.length < maxRows && (field !== '' || row.length)) endRow()
  return rows
}

/** Decodes file bytes as UTF-8, or as GBK (GB18030) when they are not valid UTF-8. */
export function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** True when a file is an Excel workbook (.xlsx), by name or type. */
export function isXlsx(f: { name: string; type: string }): boolean {
  return /\.xlsx$/i.test(f.name) || f.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}
