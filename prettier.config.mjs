// The formatter's settings: the style the code is already written in, so that formatting changes layout only.
// 120 columns because that is the width the code was written to: its comments are wrapped there (99% of the comment
// lines longer than 100 characters stop at 120), and so are most long code lines; 80 would rewrap nearly every file.
export default {
  printWidth: 120,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  arrowParens: 'avoid',
};
