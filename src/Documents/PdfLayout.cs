using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Spbe.Documents;

/// <summary>
/// Lays a <see cref="Letter"/> out on A4 pages: kop surat, title and number, body, place and date, signature
/// blocks, and the QR code to the public verification with its code. Deterministic: no clock, no random ids.
/// </summary>
internal sealed class PdfLayout
{
    private const double Left = 70, Right = 56, Top = 36, Bottom = 50;
    private static readonly XColor Ink = XColor.FromArgb(20, 20, 20);
    private static readonly XColor Navy = XColor.FromArgb(16, 52, 110);

    private readonly XFont _body = Font(10.5);
    private readonly XFont _bold = Font(10.5, bold: true);
    private readonly XFont _small = Font(7.5);
    private readonly XFont _title = Font(12.5, bold: true);
    private readonly XBrush _ink = new XSolidBrush(Ink);

    // Unicode (Identity-H with a ToUnicode map): every glyph of the font is reachable, not only WinAnsi's, and the text copies out.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private static XFont Font(double size, bool bold = false) =>
        new(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    private readonly PdfDocument _pdf;
    private readonly DocumentOptions _office;
    private readonly Letter _letter;
    private XGraphics _g = null!;
    private PdfPage _page = null!;
    private double _y;

    private PdfLayout(PdfDocument pdf, DocumentOptions office, Letter letter) => (_pdf, _office, _letter) = (pdf, office, letter);

    private double Width => _page.Width.Point - Left - Right;
    private double Limit => _page.Height.Point - Bottom;

    public static void Draw(PdfDocument pdf, DocumentOptions office, Letter letter, string verifyUrl, string code)
    {
        var layout = new PdfLayout(pdf, office, letter);
        layout.NewPage(first: true);
        layout.TitleAndNumber();
        foreach (var block in letter.Body) layout.Block(block);
        layout.Signatures();
        layout.Verification(verifyUrl, code);
        layout._g.Dispose();
        layout.Footers();
    }

    private void NewPage(bool first = false)
    {
        _g?.Dispose();
        _page = _pdf.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _g = XGraphics.FromPdfPage(_page);
        _y = Top;
        if (first) Letterhead();
        else _y += 10;
    }

    private void Need(double height)
    {
        if (_y + height > Limit) NewPage();
    }

    // ---- kop surat ----

    private void Letterhead()
    {
        const double logo = 62;
        Logo(Left, _y, logo);
        var textLeft = Left + logo + 8;
        var textWidth = Width - logo - 8;
        var center = textLeft + textWidth / 2 - 20;
        var lines = new (string Text, XFont Font)[]
        {
            (_office.Government.ToUpperInvariant(), Font(12, bold: true)),
            (_office.Office.ToUpperInvariant(), Font(13.5, bold: true)),
            (_office.Address, Font(9)),
            (_office.Contact, Font(8)),
        };
        var y = _y;
        foreach (var (text, font) in lines)
        {
            foreach (var line in Wrap(text, font, textWidth))
            {
                var w = _g.MeasureString(line, font).Width;
                _g.DrawString(line, font, new XSolidBrush(Navy), Math.Max(textLeft, center - w / 2), y + font.Size, XStringFormats.BaseLineLeft);
                y += font.Size * 1.3;
            }
        }
        _y = Math.Max(y, _y + logo) + 6;
        _g.DrawLine(new XPen(Ink, 2.2), Left, _y, Left + Width, _y);
        _g.DrawLine(new XPen(Ink, 0.6), Left, _y + 3, Left + Width, _y + 3);
        _y += 20;
    }

    private void Logo(double x, double y, double size)
    {
        if (!string.IsNullOrWhiteSpace(_office.LogoPath) && File.Exists(_office.LogoPath))
        {
            using var image = XImage.FromFile(_office.LogoPath);
            _g.DrawImage(image, x, y, size, size);
            return;
        }
        // The office's emblem, drawn: a shield with the network of an SPBE office.
        var navy = new XSolidBrush(Navy);
        var gold = XColor.FromArgb(214, 165, 38);
        var shield = new XGraphicsPath();
        shield.AddLines([
            new XPoint(x + size * 0.08, y), new XPoint(x + size * 0.92, y), new XPoint(x + size * 0.92, y + size * 0.55),
            new XPoint(x + size * 0.5, y + size), new XPoint(x + size * 0.08, y + size * 0.55),
        ]);
        shield.CloseFigure();
        _g.DrawPath(new XPen(gold, 2), navy, shield);
        var nodes = new[] { (0.5, 0.22), (0.27, 0.45), (0.73, 0.45), (0.5, 0.68) };
        var pen = new XPen(gold, 1.6);
        foreach (var (ax, ay) in nodes)
            foreach (var (bx, by) in nodes)
                if (ax < bx || (ax == bx && ay < by))
                    _g.DrawLine(pen, x + size * ax, y + size * ay, x + size * bx, y + size * by);
        foreach (var (nx, ny) in nodes)
            _g.DrawEllipse(new XSolidBrush(gold), x + size * nx - 3.5, y + size * ny - 3.5, 7, 7);
    }

    // ---- title, body ----

    private void TitleAndNumber()
    {
        foreach (var line in Wrap(_letter.Title.ToUpperInvariant(), _title, Width))
        {
            var w = _g.MeasureString(line, _title).Width;
            var x = Left + (Width - w) / 2;
            _g.DrawString(line, _title, _ink, x, _y + _title.Size, XStringFormats.BaseLineLeft);
            _g.DrawLine(new XPen(Ink, 0.8), x, _y + _title.Size + 2, x + w, _y + _title.Size + 2);
            _y += _title.Size * 1.4;
        }
        var number = $"Nomor: {_letter.Number}";
        var nw = _g.MeasureString(number, _body).Width;
        _g.DrawString(number, _body, _ink, Left + (Width - nw) / 2, _y + _body.Size + 1, XStringFormats.BaseLineLeft);
        _y += 26;
    }

    private double LineHeight(XFont font) => font.Size * 1.38;

    private void Block(Block block)
    {
        switch (block)
        {
            case Heading h:
                Need(LineHeight(_bold) * 2.5);
                _y += 4;
                Text(h.Text, _bold, Left, Width);
                _y += 2;
                break;
            case Paragraph p:
                Text(p.Text, _body, Left, Width);
                _y += 6;
                break;
            case Fields f:
                FieldLines(f);
                _y += 6;
                break;
            case Numbered n:
                for (var i = 0; i < n.Items.Count; i++)
                {
                    Need(LineHeight(_body));
                    _g.DrawString($"{i + 1}.", _body, _ink, Left + 6, _y + _body.Size, XStringFormats.BaseLineLeft);
                    Text(n.Items[i], _body, Left + 24, Width - 24);
                }
                _y += 6;
                break;
            case Table t:
                TableRows(t);
                _y += 8;
                break;
        }
    }

    private void Text(string text, XFont font, double x, double width)
    {
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            foreach (var line in Wrap(paragraph, font, width))
            {
                Need(LineHeight(font));
                _g.DrawString(line, font, _ink, x, _y + font.Size, XStringFormats.BaseLineLeft);
                _y += LineHeight(font);
            }
    }

    private void FieldLines(Fields fields)
    {
        var labelWidth = Math.Min(215, fields.Items.Select(f => _g.MeasureString(f.Label, _body).Width).DefaultIfEmpty(0).Max() + 8);
        foreach (var field in fields.Items)
        {
            var labels = Wrap(field.Label, _body, labelWidth - 4);
            var values = Wrap(field.Value.Length == 0 ? "-" : field.Value, _body, Width - labelWidth - 12);
            var lines = Math.Max(labels.Count, values.Count);
            Need(LineHeight(_body) * Math.Min(lines, 3));
            for (var i = 0; i < lines; i++)
            {
                if (i > 0) Need(LineHeight(_body));
                var baseline = _y + _body.Size;
                if (i < labels.Count) _g.DrawString(labels[i], _body, _ink, Left, baseline, XStringFormats.BaseLineLeft);
                if (i == 0) _g.DrawString(":", _body, _ink, Left + labelWidth, baseline, XStringFormats.BaseLineLeft);
                if (i < values.Count) _g.DrawString(values[i], _body, _ink, Left + labelWidth + 10, baseline, XStringFormats.BaseLineLeft);
                _y += LineHeight(_body);
            }
        }
    }

    private void TableRows(Table table)
    {
        var font = Font(9);
        var header = Font(9, bold: true);
        var total = table.Widths.Sum();
        var widths = table.Widths.Select(w => Width * w / total).ToArray();
        var pen = new XPen(Ink, 0.5);

        void Row(IReadOnlyList<string> cells, XFont f, bool shaded)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, f, widths[i] - 8)).ToList();
            var height = wrapped.Max(w => w.Count) * f.Size * 1.35 + 8;
            if (_y + height > Limit)
            {
                NewPage();
                if (!shaded) Row(table.Header, header, true);
            }
            var x = Left;
            for (var i = 0; i < cells.Count; i++)
            {
                if (shaded) _g.DrawRectangle(new XSolidBrush(XColor.FromArgb(232, 237, 245)), x, _y, widths[i], height);
                _g.DrawRectangle(pen, x, _y, widths[i], height);
                var ly = _y + 4 + f.Size;
                foreach (var line in wrapped[i])
                {
                    _g.DrawString(line, f, _ink, x + 4, ly, XStringFormats.BaseLineLeft);
                    ly += f.Size * 1.35;
                }
                x += widths[i];
            }
            _y += height;
        }

        Need(40);
        Row(table.Header, header, true);
        foreach (var row in table.Rows) Row(row, font, false);
    }

    // ---- signatures, verification ----

    private void Signatures()
    {
        var signers = _letter.Signers;
        if (signers.Count == 0) return;
        const double blockHeight = 116;
        Need(blockHeight + 24);
        _y += 10;
        var columns = Math.Min(signers.Count, 2);
        var columnWidth = Width / 2;
        // One signer signs on the right, as a letter is signed; two side by side.
        var place = $"{_office.Place}, {Tanggal.Long(_letter.Date)}";
        var placeX = Left + Width - columnWidth;
        _g.DrawString(place, _body, _ink, placeX + 10, _y + _body.Size, XStringFormats.BaseLineLeft);
        _y += LineHeight(_body) * 1.3;
        for (var row = 0; row < signers.Count; row += columns)
        {
            Need(blockHeight);
            var top = _y;
            for (var c = 0; c < columns && row + c < signers.Count; c++)
            {
                var s = signers[row + c];
                var x = (columns == 1 ? placeX : Left + c * columnWidth) + 10;
                var w = columnWidth - 20;
                _y = top;
                if (s.Party.Length > 0) Text(s.Party, _bold, x, w);
                Text($"{s.Position},", _body, x, w);
                _y = top + 80;
                var name = s.Name;
                var nameLines = Wrap(name, _bold, w);
                foreach (var line in nameLines)
                {
                    _g.DrawString(line, _bold, _ink, x, _y + _bold.Size, XStringFormats.BaseLineLeft);
                    var lw = _g.MeasureString(line, _bold).Width;
                    _g.DrawLine(new XPen(Ink, 0.6), x, _y + _bold.Size + 2, x + lw, _y + _bold.Size + 2);
                    _y += LineHeight(_bold);
                }
                _g.DrawString(s.Nip is null ? "NIP. -" : $"NIP. {s.Nip}", _body, _ink, x, _y + _body.Size, XStringFormats.BaseLineLeft);
            }
            _y = top + blockHeight;
        }
    }

    private void Verification(string url, string code)
    {
        const double size = 60;
        Need(size + 6);
        var y = Math.Max(_y + 4, Limit - size - 4);
        if (y + size > Limit) y = _y + 4;
        QrCode(url, Left, y, size);
        var x = Left + size + 10;
        var w = Width - size - 10;
        var lines = new[]
        {
            "Dokumen ini diterbitkan secara elektronik oleh sistem Manajemen Layanan Aplikasi SPBE.",
            "Keaslian dokumen dapat diperiksa dengan memindai kode QR atau membuka alamat:",
            url,
            "Kode verifikasi:",
            code,
        };
        var ly = y + 8;
        foreach (var text in lines)
        {
            // The address and the code stay whole on one line (a reader types them): smaller type where they are long.
            var font = _small;
            if (!text.Contains(' '))
                for (var pt = _small.Size - 0.25; pt >= 5 && _g.MeasureString(text, font).Width > w; pt -= 0.25) font = Font(pt);
            foreach (var line in Wrap(text, font, w))
            {
                _g.DrawString(line, font, _ink, x, ly + _small.Size, XStringFormats.BaseLineLeft);
                ly += _small.Size * 1.4;
            }
        }
        _y = Math.Max(y + size, ly);
    }

    private void QrCode(string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var n = modules.Count;
        var cell = size / n;
        var black = new XSolidBrush(XColors.Black);
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                if (modules[r][c])
                    _g.DrawRectangle(black, x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
    }

    private void Footers()
    {
        var count = _pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _pdf.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = $"{_letter.Title} · Nomor {_letter.Number} · Halaman {i + 1} dari {count}";
            var w = g.MeasureString(text, _small).Width;
            g.DrawString(text, _small, _ink, page.Width.Point - Right - w, page.Height.Point - 26, XStringFormats.BaseLineLeft);
        }
    }

    // ---- text ----

    /// <summary>Greedy word wrap; a word longer than the width is cut.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (_g.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (_g.MeasureString(line, font).Width > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && _g.MeasureString(line[..cut], font).Width > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }
}
