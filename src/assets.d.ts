// Text assets bundled by esbuild's text loader.
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*.yaml' {
  const text: string;
  export default text;
}
