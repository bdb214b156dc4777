using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DihNode.Node.Registry.Migrations
{
    /// <inheritdoc />
    public partial class ChangeHubId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HubId",
                table: "Changes",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HubId",
                table: "Changes");
        }
    }
}
