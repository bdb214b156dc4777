namespace DihNode.Vocab.Profile;

/// <summary>
/// How the legacy (JRC DIH tool, 2022) market sectors relate to the EDIH catalogue's 2025 sectors.
/// <c>exact</c> (skos:exactMatch) where both lists name the same thing, <c>close</c>
/// (skos:closeMatch) where one is a part or a near neighbour of the other; legacy sectors with no
/// counterpart (electrical and optical equipment, chemicals, professional activities) are left out.
/// The same table is documented in PROFILE.md.
/// </summary>
public static class SectorMapping
{
    public static IReadOnlyList<(string Legacy, bool Exact, string Sector2025)> Table { get; } =
    [
        ("Education", true, "Education"),
        ("Public administration", true, "Public administration"),
        ("Environment", true, "Environment"),
        ("Wholesale and retail", true, "Retail, wholesale or distribution"),
        ("Financial services", true, "Financial"),
        ("Mining and quarrying", true, "Mining and extraction"),
        ("Consumer goods/products", true, "Consumer products"),
        ("Culture and Creative industries", true, "Cultural and creative economy"),
        ("Manufacture of leather and leather products", true, "Leather"),
        ("Manufacture of textiles and textile products", true, "Textiles"),
        ("Manufacture of rubber and plastic products", true, "Polymers and plastics"),
        ("Life sciences & healthcare", false, "Health care"),
        ("Life sciences & healthcare", false, "Life sciences"),
        ("Agriculture and food", false, "Agricultural biotechnology and food biotechnology"),
        ("Agriculture and food", false, "Food and beverages"),
        ("Energy and utilities", false, "Energy"),
        ("Energy and utilities", false, "Electricity"),
        ("Construction", false, "Construction & Assembly"),
        ("Manufacture of machinery and equipment", false, "Manufacturing and processing"),
        ("Other Manufacturing", false, "Manufacturing and processing"),
        ("Manufacture of basic metals and fabricated metal products", false, "Metal working and industrial production"),
        ("Manufacture of food products, beverages and tobacco", false, "Food and beverages"),
        ("Manufacture of food products, beverages and tobacco", false, "Tobacco"),
        ("Manufacture of wood and wood products", false, "Paper and wood"),
        ("Manufacture of pulp, paper and paper products; publishing and printing", false, "Paper and wood"),
        ("Manufacture of other non-metallic mineral products", false, "NMP Non-Metallic Materials & basic processes"),
        ("Manufacture of coke, refined petroleum products and nuclear fuel", false, "Energy, fuels and petroleum engineering"),
        ("Manufacture of coke, refined petroleum products and nuclear fuel", false, "Nuclear"),
        ("Manufacture of transport equipment", false, "Automotive"),
        ("Transport and logistics", false, "Transport & Mobility"),
        ("Mobility (incl. Automotive)", false, "Transport & Mobility"),
        ("Mobility (incl. Automotive)", false, "Automotive"),
        ("Tourism (incl. restaurants and hospitality)", false, "Travel and tourism"),
        ("Real estate, renting and business activities", false, "Real estate"),
        ("Maritime and fishery", false, "Maritime"),
        ("Maritime and fishery", false, "Fishery"),
        ("Telecommunications, Information and Communication", false, "Telecommunications"),
        ("Aeronautics and Space", false, "Aeronautics"),
        ("Aeronautics and Space", false, "Space"),
        ("Defence and security", false, "Defence"),
        ("Defence and security", false, "Security"),
        ("Community, social and personal service activities", false, "Personal services"),
    ];
}
