/** An element as people know it: its name, with its id (what the API and logs use); the id alone when it has no name. */
export function ElementLabel({ elementId, name }: { elementId: string; name: string | undefined }) {
  if (!name) return <code>{elementId}</code>;
  return (
    <>
      {name} <code className="monitor-id">{elementId}</code>
    </>
  );
}
