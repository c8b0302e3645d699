/** Journal text as written: paragraphs at blank lines, line breaks kept; always text, never HTML. */
export function JournalText({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/);
  return (
    <div className="journal-text">
      {paragraphs.map((paragraph, index) => {
        const lines = paragraph.split('\n');
        return (
          <p key={index}>
            {lines.map((line, lineIndex) => (
              <span key={lineIndex}>{lineIndex > 0 && <br />}{line}</span>
            ))}
          </p>
        );
      })}
    </div>
  );
}
