/// <reference types="@remix-run/dev/dist/modules" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address, from the HTTP server (used to rate-limit sign-ins). */
    clientAddress: string;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
