import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { newRouter } from "./router";

/** The window: its screens are routes (`router.tsx`), the frame around them is `Shell`. */
export default function App() {
  const [router] = useState(() => newRouter());
  return <RouterProvider router={router} />;
}
