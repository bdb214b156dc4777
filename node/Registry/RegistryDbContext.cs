using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// The hub registry in the node's SQLite database (EF Core; schema changes are migrations in
/// <c>Registry/Migrations</c>, applied at start). Every OData query runs on these tables as SQL.
/// </summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Hub> Hubs => Set<Hub>();

    public DbSet<Concept> Concepts => Set<Concept>();

    public DbSet<Country> Countries => Set<Country>();

    public DbSet<Involvement> Involvements => Set<Involvement>();

    public DbSet<HubChange> Changes => Set<HubChange>();

    public DbSet<RegistrySetting> Settings => Set<RegistrySetting>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Hub>(e =>
        {
            e.HasIndex(h => h.Iri).IsUnique();
            e.HasIndex(h => h.Identifier);
            e.HasIndex(h => h.CountryCode);
            e.HasIndex(h => h.Name);
            e.Property(h => h.Version).IsConcurrencyToken();
            e.HasOne(h => h.Type).WithMany().HasForeignKey(h => h.TypeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(h => h.Country).WithMany().HasForeignKey(h => h.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(h => h.Involvements).WithOne(i => i.Hub).HasForeignKey(i => i.HubId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Concept>(e =>
        {
            e.HasIndex(c => c.Iri).IsUnique();
            e.HasIndex(c => new { c.Scheme, c.Label });
        });
        model.Entity<Country>(e => e.HasKey(c => c.Code));
        model.Entity<Involvement>(e =>
        {
            e.HasKey(i => new { i.HubId, i.ConceptId });
            e.HasIndex(i => i.ConceptId);
            e.HasOne(i => i.Concept).WithMany().HasForeignKey(i => i.ConceptId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<HubChange>(e =>
        {
            e.HasKey(c => c.Sequence);
            e.Property(c => c.Sequence).ValueGeneratedNever();
            e.HasIndex(c => c.HubIri);
        });
        model.Entity<RegistrySetting>(e => e.HasKey(s => s.Key));
    }
}
