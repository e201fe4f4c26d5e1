// The CommonJS typings: a .cts file compiles to require(), and resolves the package's "require" types.
import mock = require("remote-cache-mock");

export async function typedFromCommonJs(baseUrl: string): Promise<number> {
  const client: mock.RemoteCacheMockClient = mock.connect(baseUrl);
  const { data } = await client.admin.GET("/__admin/remote-cache/events", { params: { query: { source: "REMOTE" } } });
  return data?.count ?? 0;
}
