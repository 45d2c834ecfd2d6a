namespace Spbe.Delivery;

/// <summary>Delivery's settings (section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>The Berita Acara number's format: <c>{year}</c> and <c>{seq}</c>. One gap-free series per year for all three kinds.</summary>
    public string BeritaAcaraNumberFormat { get; set; } = "BA/{seq:0000}/Diskominfotik/{year}";
}
