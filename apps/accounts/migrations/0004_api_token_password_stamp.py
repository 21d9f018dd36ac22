from django.db import migrations, models


def stamp_existing_tokens(apps, schema_editor):
    """Tokens made before this migration keep working: stamped with their user's password now."""
    from apps.accounts.tokens import password_stamp

    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        token.password_stamp = password_stamp(token.user.password)
        token.save(update_fields=["password_stamp"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(
                default="",
                editable=False,
                help_text=(
                    "A keyed fingerprint of the user's password when the token was made: after a "
                    "password change, by the user or by staff, the token stops working."
                ),
                max_length=64,
                verbose_name="password stamp",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(stamp_existing_tokens, migrations.RunPython.noop),
    ]
