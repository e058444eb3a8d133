// The report page's one stylesheet: screen reading and A4 printing (the PDF is Chromium's print of this page).

/** Fonts installed with Debian's fonts-noto-cjk; the browser's Japanese sans-serif as fallback. */
export const REPORT_FONT_STACK =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';

export const REPORT_CSS = `
@page {
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  @bottom-center {
    content: counter(page) " / " counter(pages);
    font-family: ${REPORT_FONT_STACK};
    font-size: 9pt;
    color: #555;
  }
}
@page :first {
  @bottom-center { content: none; }
}
*, *::before, *::after { box-sizing: border-box; }
html { font-family: ${REPORT_FONT_STACK}; color: #1f2328; line-height: 1.75; font-size: 10.5pt; }
body { margin: 0 auto; max-width: 178mm; padding: 0 0 12mm; background: #fff; }
h1, h2, h3 { line-height: 1.4; font-weight: 700; break-after: avoid; }
h1 { font-size: 24pt; margin: 0 0 6mm; }
h2 { font-size: 15pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 2px solid #2f6db5; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; color: #1d4f8a; }
p { margin: 0 0 3mm; text-align: justify; }
a { color: #1d4f8a; }
.cover { min-height: 120mm; padding-top: 30mm; border-bottom: 1px solid #ccd; margin-bottom: 10mm; }
.cover .organisation { font-size: 13pt; margin: 0 0 4mm; color: #444; }
.cover .period { font-size: 13pt; margin: 0 0 2mm; }
.cover .meta { font-size: 9.5pt; color: #555; }
.status { display: inline-block; border: 1px solid #c0504d; color: #c0504d; padding: 0 2mm; margin-left: 2mm; }
.toc { break-after: page; }
.toc ol { padding-left: 6mm; }
.toc li { margin: 1.5mm 0; }
.toc a { text-decoration: none; }
section.report-section { margin: 0 0 10mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: avoid; }
thead { display: table-header-group; }
tr, figure, .voice, .case { break-inside: avoid; }
caption { text-align: left; font-weight: 700; padding-bottom: 1.5mm; }
th, td { border: 1px solid #b8c2cc; padding: 1.2mm 2mm; vertical-align: top; }
thead th { background: #e8eef6; }
tbody th { text-align: left; font-weight: 400; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td, tr.total th { font-weight: 700; border-top: 2px solid #556; background: #f4f6f8; }
.note { font-size: 8.5pt; color: #555; }
figure.chart { margin: 0 0 6mm; break-inside: avoid; }
figure.chart figcaption { font-weight: 700; margin-bottom: 1mm; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.voice { border: 1px solid #d5dde6; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; }
.voice blockquote { margin: 0; }
.voice .attribution { text-align: right; font-size: 9pt; color: #555; margin: 1mm 0 0; }
.voice .reply { background: #f3f7fb; border-left: 3px solid #2f6db5; padding: 2mm 3mm; margin-top: 2mm; }
.voice .reply-label { font-weight: 700; font-size: 9pt; color: #1d4f8a; margin: 0; }
.case { display: grid; grid-template-columns: 1fr 8mm 1fr; gap: 2mm; align-items: center; margin: 0 0 4mm; }
.case .from, .case .to { border: 1px solid #d5dde6; border-radius: 2mm; padding: 2mm 3mm; height: 100%; }
.case .to { background: #f3f7fb; }
.case .arrow { text-align: center; font-size: 14pt; color: #2f6db5; }
.case .label { font-weight: 700; font-size: 9pt; margin: 0 0 1mm; }
ul.sentences { padding-left: 5mm; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
`;
