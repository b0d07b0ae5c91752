namespace NeuralNet.Charts.Cairo.Native;

/// <summary><c>cairo_status_t</c>: the values the renderer names; cairo_status_to_string gives the text of any value.</summary>
internal enum CairoStatus
{
    Success = 0,
    NoMemory = 1,
    InvalidRestore = 2,
    NullPointer = 7,
    InvalidString = 8,
    ReadError = 10,
    WriteError = 11,
    SurfaceFinished = 12,
    FileNotFound = 18,
    InvalidSize = 32,
}
