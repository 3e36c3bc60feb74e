import { describe, expect, it } from "vitest";
import { loader as dashboard } from "#app/routes/admin+/_index.tsx";
import { getDb } from "#app/services/platform/db.server.ts";
import { createUser, signedInRequest } from "#tests/helpers.ts";

const args = (request: Request) => ({ request, params: {}, context: { clientAddress: "127.0.0.1" } });

describe("GET /admin", () => {
  it.each([["buyer"], ["seller"], ["volunteer"]] as const)(
    "refuses a %s with 403, checked on the server",
    async (role) => {
      const user = await createUser([role]);
      const response = await dashboard(args(await signedInRequest(user.id, "http://localhost/admin"))).catch(
        (r: Response) => r,
      );
      expect((response as Response).status).toBe(403);
    },
  );

  it("sends an anonymous visitor to sign in", async () => {
    const response = await dashboard(args(new Request("http://localhost/admin"))).catch((r: Response) => r);
    expect((response as Response).status).toBe(302);
  });

  it("gives an admin seller counts by status and by commune", async () => {
    const db = getDb();
    const admin = await createUser(["admin"]);
    const commune = await db.commune.create({
      data: {
        slug: `ca-na-${Date.now()}`,
        name: "Cà Ná",
        fullName: "Xã Cà Ná",
        type: "xa",
        formerDistrict: "Thuận Nam",
        formerDistricts: ["Thuận Nam"],
        mergedFrom: [],
      },
    });
    for (const status of ["approved", "approved", "submitted"] as const) {
      await db.seller.create({
        data: {
          slug: `nuoc-mam-${status}-${Math.random()}`,
          kind: "household",
          displayName: "Nước mắm Cà Ná",
          contactName: "Ông Tư",
          phone: "+84905123456",
          communeId: commune.id,
          status,
        },
      });
    }
    const data = await dashboard(args(await signedInRequest(admin.id, "http://localhost/admin")));
    expect(data.sellersByStatus).toEqual(
      expect.arrayContaining([{ status: "submitted", count: expect.any(Number) }]),
    );
    expect(data.communes.find((c) => c.slug === commune.slug)).toMatchObject({
      name: "Cà Ná",
      formerDistrict: "Thuận Nam",
      approvedSellers: 2,
      products: 0,
    });
  });
});
