import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import type { TaskComment } from '../api';
import { formatDateTime } from '../i18n';
import { inboxText } from './messages';

interface CommentsPanelProps {
  comments: TaskComment[];
  busy: boolean;
  onComment: (text: string) => Promise<boolean>;
}

export function CommentsPanel({ comments, busy, onComment }: CommentsPanelProps) {
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && (await onComment(text.trim()))) setText('');
  };
  return (
    <section aria-labelledby="task-comments-title" className="fr-mt-3w">
      <h3 id="task-comments-title" className="fr-h6">
        {inboxText.comments}
      </h3>
      {comments.length === 0 ? (
        <p className="fr-text--sm">{inboxText.noComments}</p>
      ) : (
        <ul className="task-comments">
          {comments.map((comment) => (
            <li key={comment.id}>
              <p className="fr-text--sm fr-mb-0">
                <strong>{comment.by}</strong> · {formatDateTime(comment.at)}
              </p>
              <p className="fr-mb-1w">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <Input label={inboxText.commentLabel} textArea nativeTextAreaProps={{ value: text, onChange: (e) => setText(e.target.value), rows: 2, maxLength: 4000 }} />
        <Button type="submit" priority="secondary" size="small" iconId="fr-icon-chat-3-line" disabled={busy || !text.trim()}>
          {inboxText.addComment}
        </Button>
      </form>
    </section>
  );
}
