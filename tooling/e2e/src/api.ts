/** Plain-JSON tRPC calls, as curl or n8n would make them: how tests set data up through the real API. */

export async function callApi(
  serverUrl: string,
  procedure: string,
  input: unknown,
  accessToken?: string,
): Promise<unknown> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${procedure} failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { result: { data: unknown } }).result.data;
}

export async function queryApi(
  serverUrl: string,
  procedure: string,
  input: unknown,
  accessToken: string,
): Promise<unknown> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${serverUrl}/trpc/${procedure}${query}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${procedure} failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { result: { data: unknown } }).result.data;
}

export async function loginToken(serverUrl: string, email: string, password: string): Promise<string> {
  const data = (await callApi(serverUrl, 'auth.login', { email, password })) as { accessToken: string };
  return data.accessToken;
}
