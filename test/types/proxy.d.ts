// The `proxy` package ships its types behind "exports", which this project's CommonJS module
// resolution does not read; its own declarations are re-exported under the package name.
declare module 'proxy' {
  export * from 'proxy/dist/proxy';
}
