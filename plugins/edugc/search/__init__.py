"""Korean search: build-time word analysis (kiwipiepy), a sharded index, and the browser worker."""
from .analyse import WordCache, kiwi_analyser, word_tokens, words
from .index import BuiltIndex, BuiltStore, DocCache, build, shard_key, stub_index

__all__ = ["BuiltIndex", "BuiltStore", "DocCache", "WordCache", "build", "kiwi_analyser", "shard_key", "stub_index", "word_tokens", "words"]
