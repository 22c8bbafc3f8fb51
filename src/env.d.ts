/** Stylesheets are bundled as text (esbuild's text loader; the same in the unit tests). */
declare module '*.css' {
  const text: string;
  export default text;
}
