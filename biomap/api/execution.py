"""How one GraphQL operation runs: the request guards as plain steps instead of extension hooks.

Strawberry runs each schema extension as a generator around every phase of every request. With
seven of them (parse and validation caches, depth/alias/token limits, error masking, metrics, the
micro-cache mark) that machinery alone cost 0.4-0.6 ms per operation here, a fifth of a booking's
CPU (bench/README.md). The same guards written as steps, in one place, do the same work:

1. parse with the token limit, and validate with the limit rules, once per distinct query text
   (an LRU of prepared documents; syntax and validation errors are answered, never executed);
2. refuse operation types the transport does not allow (mutations over GET) as Strawberry does;
3. execute on graphql-core with Strawberry's own execution context, so resolvers see the same Info;
4. log unexpected errors (`process_errors`, with their tracebacks), then mask them for the client;
5. record the operation's name, outcome and latency, and mark anonymous error-free queries cacheable.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    execute,
    parse,
)
from graphql.validation import ASTValidationRule
from strawberry.exceptions import MissingQueryError
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES, validate_document
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

MASKED_MESSAGE = "Unexpected error."


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    document: DocumentNode
    errors: tuple[GraphQLError, ...]  # validation errors; empty when the document is valid
    first_operation_name: str | None  # the name metrics use when the request names no operation


class DocumentCache:
    """Parsed and validated documents by query text, least recently used evicted first.

    A syntax error (or a document over the token limit) raises and is not cached: such a
    request costs one bounded parse each time, and cannot push good documents out.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        rules: Sequence[type[ASTValidationRule]],
        *,
        max_tokens: int,
        maxsize: int = 1024,
    ) -> None:
        self.schema = schema
        self.rules = tuple(rules)
        self.max_tokens = max_tokens
        self.maxsize = maxsize
        self.hits = self.misses = 0
        self._entries: OrderedDict[str, PreparedDocument] = OrderedDict()

    def prepare(self, query: str) -> PreparedDocument:
        entry = self._entries.get(query)
        if entry is not None:
            self.hits += 1
            self._entries.move_to_end(query)
            return entry
        self.misses += 1
        document = parse(query, max_tokens=self.max_tokens)
        errors = validate_document(self.schema, document, self.rules)
        entry = PreparedDocument(document, tuple(errors), _first_operation_name(document))
        self._entries[query] = entry
        if len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


class GuardedSchema(strawberry.Schema):
    """A Strawberry schema whose `execute` runs the steps above (no schema extensions).

    `should_mask` decides which errors are unexpected: those are logged with their traceback and
    reach the client as "Unexpected error."; `present` gives the others their final shape (a domain
    error's code and fields). `observe(context, operation, outcome, seconds)` records
    metrics; `mark_cacheable(context, operation)` is called for anonymous queries without errors.
    """

    def __init__(
        self,
        *,
        validation_rules: Sequence[type[ASTValidationRule]],
        max_tokens: int,
        should_mask: Callable[[GraphQLError], bool],
        present: Callable[[GraphQLError], GraphQLError],
        observe: Callable[[Any, str, str, float], None],
        mark_cacheable: Callable[[Any, str], None],
        document_cache_size: int = 1024,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("extensions"):
            raise ValueError("GuardedSchema runs its guards itself; schema extensions would never run")
        super().__init__(**kwargs)
        if self.directives:
            raise ValueError("custom directives run in Strawberry's DirectivesExtension, which GuardedSchema does not run")
        self.documents = DocumentCache(self._schema, validation_rules, max_tokens=max_tokens,
                                       maxsize=document_cache_size)
        self._should_mask = should_mask
        self._present = present
        self._observe = observe
        self._mark_cacheable = mark_cacheable

    async def execute(  # type: ignore[override]  # noqa: PLR0917
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        started = time.perf_counter()
        if not query:
            raise MissingQueryError
        allowed = DEFAULT_ALLOWED_OPERATION_TYPES if allowed_operation_types is None else allowed_operation_types
        try:
            prepared = self.documents.prepare(query)
        except GraphQLError as error:  # syntax error or too many tokens
            return self._finish(context_value, operation_name, None, None, [error], started)
        try:
            operation_type = get_operation_type(prepared.document, operation_name)
        except RuntimeError as error:
            raise CannotGetOperationTypeError(operation_name) from error
        if operation_type not in allowed:
            raise InvalidOperationTypeError(operation_type)
        name = operation_name if operation_name is not None else prepared.first_operation_name
        if prepared.errors:
            return self._finish(context_value, name, operation_type, None, list(prepared.errors), started)
        try:
            result = execute(
                self._schema,
                prepared.document,
                root_value=root_value,
                context_value=context_value,
                variable_values=variable_values,
                operation_name=operation_name,
                is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]  # a TypeGuard in all but name
                executor_class=self.execution_context_class,  # Strawberry's: resolvers get its Info
                operation_extensions=operation_extensions,
            )
            if isawaitable(result):
                result = await result
        except Exception as exc:  # noqa: BLE001 - as Strawberry: an answer with the error, not a 500
            failure = exc if isinstance(exc, GraphQLError) else GraphQLError(str(exc), original_error=exc)
            return self._finish(context_value, name, operation_type, None, [failure], started)
        return self._finish(context_value, name, operation_type, result.data, result.errors, started)

    def _finish(
        self,
        context: Any,
        operation: str | None,
        operation_type: OperationType | None,
        data: dict[str, Any] | None,
        errors: list[GraphQLError] | None,
        started: float,
    ) -> ExecutionResult:
        name = operation or "anonymous"
        if errors:
            if self.config.disable_field_suggestions:
                for error in errors:
                    self.remove_field_suggestion(error)
            # Syntax, validation and permission errors are the client's business: log the unexpected.
            masked = [self._should_mask(e) for e in errors]
            if any(masked):
                self.process_errors([e for e, m in zip(errors, masked, strict=True) if m])
                errors = [_masked(e) if m else e for e, m in zip(errors, masked, strict=True)]
            errors = [self._present(e) for e in errors]
        elif operation_type is OperationType.QUERY:
            self._mark_cacheable(context, name)
        self._observe(context, name, "error" if errors else "ok", time.perf_counter() - started)
        return ExecutionResult(data=data, errors=errors or None)


def _masked(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        message=MASKED_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
    )


def _first_operation_name(document: DocumentNode) -> str | None:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            return definition.name.value if definition.name is not None else None
    return None
