namespace NeuralNet.DataSources.Internal;

/// <summary>Receives an IDX body in order, one chunk at a time; <paramref name="offset"/> is the chunk's first byte in the body.</summary>
internal delegate void IdxChunkHandler(ReadOnlySpan<byte> chunk, int offset);
