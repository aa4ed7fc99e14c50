import { describe, expect, it } from "vitest";
import { crossRouteImport } from "./walls.mjs";

describe("route-private _components", () => {
  it("lets a route and the routes nested in it use its _components", () => {
    expect(crossRouteImport("app/gallery/page.tsx", "./_components/gallery-grid")).toBeNull();
    expect(crossRouteImport("app/gallery/[id]/page.tsx", "../_components/generation-detail")).toBeNull();
    expect(crossRouteImport("app/layout.tsx", "./_components/site-header")).toBeNull();
  });

  it("stops another route, by alias or relative path", () => {
    expect(crossRouteImport("app/runs/[id]/_components/run-view.tsx", "@/app/gallery/_components/item-actions")).toBe(
      "app/gallery/_components",
    );
    expect(crossRouteImport("app/compare/_components/x.tsx", "../../_components/playground/storage")).toBe("app/_components");
  });

  it("keeps the root's _components to the root, not every route under it", () => {
    expect(crossRouteImport("app/gallery/_components/generation-detail.tsx", "@/app/_components/playground/use-retry")).toBe(
      "app/_components",
    );
  });

  it("ignores packages and shared folders", () => {
    expect(crossRouteImport("app/page.tsx", "@/components/ui/button")).toBeNull();
    expect(crossRouteImport("app/page.tsx", "react")).toBeNull();
  });
});
