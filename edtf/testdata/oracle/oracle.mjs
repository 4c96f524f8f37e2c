// The oracle of edtf/oracle_test.go: reads a JSON array of EDTF strings on
// standard input and writes, for each, what npm's edtf package makes of it:
// {in, ok, error, type, edtf, min, max}. min and max are the first and last
// day as "YYYY-MM-DD" (years astronomical, as in Go's edtf.Day), "..", for
// an open end, or null when the package gives none (an unknown end, or a
// year it cannot hold).
import edtf from 'edtf'

const day = ms => {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return null
  if (ms === Infinity || ms === -Infinity) return '..'
  const d = new Date(ms)
  const y = d.getUTCFullYear()
  const pad = (n, w) => String(Math.abs(n)).padStart(w, '0')
  return (y < 0 ? '-' : '') + pad(y, 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2)
}

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', c => { input += c })
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(s => {
    try {
      const v = edtf(s)
      let max = v.max
      // edtf 4.11.1: the max of a set [A..B] is A's; a range's last day is B's.
      if (v.type === 'Set' && !v.later && Array.isArray(v.values[v.values.length - 1])) {
        const last = v.values[v.values.length - 1]
        max = last[1].max
      }
      return { in: s, ok: true, type: v.type, edtf: v.edtf, min: day(v.min), max: day(max) }
    } catch (e) {
      return { in: s, ok: false, error: String(e.message).split("\n")[0] }
    }
  })
  process.stdout.write(JSON.stringify(out))
})
