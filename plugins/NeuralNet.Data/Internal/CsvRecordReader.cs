using System.Buffers;
using System.Text;
using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Reads RFC 4180 records from a text stream, one at a time: fields separated by a delimiter; a field in double
/// quotes may hold delimiters, line breaks and doubled quotes (<c>""</c>); records end at CRLF, LF or CR.
/// </summary>
/// <remarks>
/// Lenient where files commonly are: spaces around an unquoted field, and before or after a quoted one, are
/// dropped; blank lines (anywhere, including the trailing one) are skipped; a quote inside an unquoted field is
/// literal. A byte-order mark is the caller's <see cref="StreamReader"/>'s business. Line numbers are 1-based and
/// count physical lines, so a record whose quoted field spans lines reports the line where it starts. With the
/// whitespace delimiter (<see cref="CsvDataSourceOptions.WhitespaceDelimiter"/>) any run of spaces and tabs separates
/// fields, and leading and trailing ones are ignored.
/// </remarks>
internal sealed class CsvRecordReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>Fields a record may have: far more than any table this tool trains on (Fashion-MNIST as CSV has 785),
    /// few enough that a malformed or hostile file stops before its per-column structures take gigabytes.</summary>
    public const int MaxFields = 1 << 17;

    /// <summary>Characters a field may have (a number, a class name, a category).</summary>
    public const int MaxFieldChars = 1 << 20;
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly bool _whitespace;
    private readonly string _file;
    private readonly SearchValues<char> _fieldEnds;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvRecordReader(TextReader reader, char delimiter, string file)
    {
        _reader = reader;
        _delimiter = delimiter;
        _whitespace = delimiter == CsvDataSourceOptions.WhitespaceDelimiter;
        _file = file;
        _fieldEnds = SearchValues.Create(_whitespace ? [' ', '\t', '\r', '\n'] : [delimiter, '\r', '\n']);
    }

    /// <summary>Skips <paramref name="lines"/> physical lines as they are, quotes and all (a file's preamble).</summary>
    public void SkipLines(int lines)
    {
        for (int skipped = 0; skipped < lines; skipped++)
        {
            int c;
            do c = Read(); while (c >= 0 && c != '\r' && c != '\n');
            if (c < 0) return;
            if (c == '\r' && Peek() == '\n') Read();
            _line++;
        }
    }

    /// <summary>1-based line on which the record last read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the file.</summary>
    /// <exception cref="DataFormatException">An unterminated quoted field, or text after a closing quote.</exception>
    public bool TryRead(List<string> fields)
    {
        while (true)
        {
            fields.Clear();
            if (Peek() < 0) return false;
            RecordLine = _line;
            bool quoted = ReadRecord(fields);
            if (fields.Count == 1 && fields[0].Length == 0 && !quoted) continue; // a blank line
            return true;
        }
    }

    private bool ReadRecord(List<string> fields)
    {
        bool anyQuoted = false;
        while (true)
        {
            anyQuoted |= ReadField(fields);
            if (fields.Count > MaxFields)
                throw new DataFormatException(_file,
                    $"a record has more than {MaxFields} fields; this reader takes at most that many columns.", RecordLine);
            int c = Read();
            if (IsDelimiter(c))
            {
                if (!_whitespace) continue;
                SkipSpaces(); // a run of whitespace is one separator; trailing whitespace ends the record
                int next = Peek();
                if (next >= 0 && next != '\r' && next != '\n') continue;
                c = Read();
            }
            if (c == '\r')
            {
                if (Peek() == '\n') Read();
                _line++;
            }
            else if (c == '\n')
            {
                _line++;
            }
            return anyQuoted; // end of line or of file
        }
    }

    private DataFormatException FieldTooLong() => new(_file,
        $"a field is longer than {MaxFieldChars} characters (no line break or delimiter where one was expected).", _line);

    /// <summary>Reads one field and leaves its terminator (delimiter, CR, LF or end of file) unread. True when it was quoted.</summary>
    private bool ReadField(List<string> fields)
    {
        _field.Clear();
        SkipSpaces();
        if (Peek() == '"')
        {
            ReadQuoted();
            if (!_whitespace) SkipSpaces();
            int next = Peek();
            if (next >= 0 && !IsDelimiter(next) && next != '\r' && next != '\n')
                throw new DataFormatException(_file,
                    $"unexpected '{(char)next}' after the closing quote of a field; a quote inside a quoted field is written twice (\"\").", _line);
            fields.Add(_field.ToString());
            return true;
        }

        while (_position < _length || Fill())
        {
            ReadOnlySpan<char> rest = _buffer.AsSpan(_position, _length - _position);
            int end = rest.IndexOfAny(_fieldEnds);
            _field.Append(end < 0 ? rest : rest[..end]);
            _position += end < 0 ? rest.Length : end;
            if (_field.Length > MaxFieldChars) throw FieldTooLong();
            if (end >= 0) break;
        }
        int length = _field.Length;
        while (length > 0 && IsSpace(_field[length - 1])) length--;
        fields.Add(_field.ToString(0, length));
        return false;
    }

    private void ReadQuoted()
    {
        long opened = _line;
        Read(); // the opening quote
        while (true)
        {
            int c = Read();
            if (c < 0)
                throw new DataFormatException(_file, "unterminated quoted field: the file ends before its closing quote.", opened);
            if (c == '"')
            {
                if (Peek() != '"') return;
                Read();
            }
            else if (c == '\n' || (c == '\r' && Peek() != '\n'))
            {
                _line++;
            }
            _field.Append((char)c);
            if (_field.Length > MaxFieldChars) throw FieldTooLong();
        }
    }

    private void SkipSpaces()
    {
        while (Peek() is int c && c >= 0 && IsSpace((char)c)) Read();
    }

    private bool IsSpace(char c) => (c == ' ' || c == '\t') && (_whitespace || c != _delimiter);

    private bool IsDelimiter(int c) => _whitespace ? c is ' ' or '\t' : c == _delimiter;

    private int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    private int Read() => _position < _length || Fill() ? _buffer[_position++] : -1;

    private bool Fill()
    {
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
